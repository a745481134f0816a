import { FundCallTerritoryIndexes1796661577207 } from './1796661577207-FundCallTerritoryIndexes';
import { RateLimit1796659064512 } from './1796659064512-RateLimit';
import { StoredFile1796658702900 } from './1796658702900-StoredFile';
import { PersonGender1796631000000 } from './1796631000000-PersonGender';
import { ConstitutionStatutes1796630988263 } from './1796630988263-ConstitutionStatutes';
import { MarketFeeds1796600887870 } from './1796600887870-MarketFeeds';
import { FundCallRevision1796627000000 } from './1796627000000-FundCallRevision';
import { AgendaMatter1796627100000 } from './1796627100000-AgendaMatter';
import { MarketOffers1796600199854 } from './1796600199854-MarketOffers';
import { FundApplications1796600149024 } from './1796600149024-FundApplications';
import { MarketVenues1796599796917 } from './1796599796917-MarketVenues';
import { FundCalls1796599793456 } from './1796599793456-FundCalls';
import { Programs1796586934090 } from './1796586934090-Programs';
import { RequestKey1796576382139 } from './1796576382139-RequestKey';
import { LoginThrottle1796574836396 } from './1796574836396-LoginThrottle';
import { AddConsent1796566268069 } from './1796566268069-AddConsent';
import { BoardVersion1796034018195 } from './1796034018195-BoardVersion';
import { BoardIndexes1796033769245 } from './1796033769245-BoardIndexes';
import { TableBoard1796030734987 } from './1796030734987-TableBoard';
import { CouncilSeats1796022640916 } from './1796022640916-CouncilSeats';
import { TableForeignKeys1796022152944 } from './1796022152944-TableForeignKeys';
import { AddTables1796021649829 } from './1796021649829-AddTables';
import { AddMinutes1796017938047 } from './1796017938047-AddMinutes';
import { MeetingConvened1796010496589 } from './1796010496589-MeetingConvened';
import { AddAgendaAndCommitments1796010253969 } from './1796010253969-AddAgendaAndCommitments';
import { AddAttendance1796009958392 } from './1796009958392-AddAttendance';
import { AddMeetings1796009500879 } from './1796009500879-AddMeetings';
import { StatusChangeOrder1796008132995 } from './1796008132995-StatusChangeOrder';
import { ObjectionCorrection1796005794536 } from './1796005794536-ObjectionCorrection';
import { AddConstitutionAndBoards1795323647028 } from './1795323647028-AddConstitutionAndBoards';
import { LinkUserToPerson1795318089178 } from './1795318089178-LinkUserToPerson';
import { AddRegistryAndRosters1795316996350 } from './1795316996350-AddRegistryAndRosters';
import { AddIdentity1795312295061 } from './1795312295061-AddIdentity';
import { AddAuditOutboxDocuments1795309685652 } from './1795309685652-AddAuditOutboxDocuments';
import { CreateTerritory1795307719380 } from './1795307719380-CreateTerritory';
import { MinutesDraftIndex1796662000000 } from './1796662000000-MinutesDraftIndex';
/** Every migration, in order. `npm run db:generate -- Name` adds new files here. */
export const MIGRATIONS: Function[] = [
  CreateTerritory1795307719380,
  AddAuditOutboxDocuments1795309685652,
  AddIdentity1795312295061,
  AddRegistryAndRosters1795316996350,
  LinkUserToPerson1795318089178,
  AddConstitutionAndBoards1795323647028,
  ObjectionCorrection1796005794536,
  StatusChangeOrder1796008132995,
  AddMeetings1796009500879,
  AddAttendance1796009958392,
  AddAgendaAndCommitments1796010253969,
  MeetingConvened1796010496589,
  AddMinutes1796017938047,
  AddTables1796021649829,
  TableForeignKeys1796022152944,
  CouncilSeats1796022640916,
  TableBoard1796030734987,
  BoardIndexes1796033769245,
  BoardVersion1796034018195,
  AddConsent1796566268069,
  LoginThrottle1796574836396,
  RequestKey1796576382139,
  Programs1796586934090,
  FundCalls1796599793456,
  MarketVenues1796599796917,
  FundApplications1796600149024,
  MarketOffers1796600199854,
  MarketFeeds1796600887870,
  FundCallRevision1796627000000,
  AgendaMatter1796627100000,
  ConstitutionStatutes1796630988263,
  PersonGender1796631000000,
  StoredFile1796658702900,
  RateLimit1796659064512,
  FundCallTerritoryIndexes1796661577207,
  MinutesDraftIndex1796662000000,
];
